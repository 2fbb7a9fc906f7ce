// npm run seed [-- --persist-to DIR]: loads seeds/data into the local D1.
import { argValue } from "../scripts/local-d1";
import { SeedValidationError } from "./load";
import { seedLocal } from "./local";

seedLocal(argValue("--persist-to")).catch((error) => {
  console.error(error instanceof SeedValidationError ? `seed failed: ${error.message}` : error);
  process.exit(1);
});
