// drizzle-kit settings: `npm run db:generate` writes SQL migrations from src/store/schema.ts into db/migrations.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./src/store/schema.ts",
  out: "./db/migrations",
});
