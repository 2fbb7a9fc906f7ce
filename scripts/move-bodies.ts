import { countInlineBodies } from "../src/db/bodies";
import { MOVES_PER_RUN } from "../src/services/body-storage";
import { persistArgs, withLocalDb } from "./local-d1";
import { startWrangler, stopAndWait } from "./processes";

const MOVER_PORT = 8797;

/**
 * Moves every body still inline in the local D1 to the local R2 by running the Worker's own
 * cron (`wrangler dev --test-scheduled`), as a deployment's minute runs would, one after
 * another. Through getPlatformProxy each R2 put costs some 10 ms of CPU on its way to the runtime,
 * about 65 bodies a second; inside the runtime the same mover does about 600.
 */
export async function moveBodiesThroughCron(
  persistTo: string | undefined,
  progress: (moved: number, total: number) => void = () => {},
): Promise<number> {
  const total = await withLocalDb(persistTo, countInlineBodies);
  let left = total;
  while (left > 0) {
    const worker = await startWrangler(
      [
        ...persistArgs(persistTo),
        "--test-scheduled",
        "--var",
        `SITE_URL:http://127.0.0.1:${MOVER_PORT}`,
      ],
      MOVER_PORT,
    );
    try {
      for (let run = 0; run < Math.ceil(left / MOVES_PER_RUN); run++) {
        const ran = await fetch(`http://127.0.0.1:${MOVER_PORT}/__scheduled?cron=*+*+*+*+*`);
        if (!ran.ok) throw new Error(`the scheduled run failed: ${ran.status} ${await ran.text()}`);
        await ran.arrayBuffer();
        progress(Math.min(total, total - left + (run + 1) * MOVES_PER_RUN), total);
      }
    } finally {
      await stopAndWait(worker, MOVER_PORT);
    }
    const still = await withLocalDb(persistTo, countInlineBodies);
    // A run that moved nothing would loop for ever: an R2 that refuses puts, say.
    if (still >= left) throw new Error(`${still} bodies stay inline after the cron ran`);
    left = still;
  }
  return total;
}
