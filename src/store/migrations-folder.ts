// Where the SQL migrations live: the same path from src/store and from the compiled dist/store, both two
// levels below the project root. Its own module so the seed check can name it without the migrator.
import { fileURLToPath } from "node:url";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../db/migrations", import.meta.url));
