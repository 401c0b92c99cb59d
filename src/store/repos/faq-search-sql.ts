// Shared SQL helpers of FAQ search: quoting and lists as parameters (rows and prepared statements: prepared.ts).

/** Kept here too, where the search modules have always found them. */
export { preparedRows, rowsOf } from "./prepared.ts";

/** A tsquery of already-stemmed lexemes, quoted so that no lexeme is parsed again or read as an operator. */
export const lexemeQuery = (lexemes: string[]) =>
  lexemes.map((x) => `'${x.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`).join(" | ");

/** A list as one JSON parameter: the statement's text stays the same whatever the list's length. */
export const jsonList = (values: unknown[]) => JSON.stringify(values);
