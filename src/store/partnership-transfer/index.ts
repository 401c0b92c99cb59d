// Moving one partnership between databases: export to a versioned JSON file, import into an empty database.
export { countRows, exportPartnership, serialiseFile } from "./export.ts";
export {
  currentSchema,
  FORMAT_VERSION,
  type PartnershipFile,
  TransferError,
  validateFile,
} from "./format.ts";
export { importPartnership } from "./import.ts";
export { NOT_TRANSFERRED, TRANSFERRED, tableName } from "./tables.ts";
