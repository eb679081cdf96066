/**
 * Imported first by main.tsx. The CSP forbids eval, and zod probes `new Function` when it
 * builds its first object schema unless told not to; the probe's failure is harmless but the
 * browser reports it as a CSP violation. This must run before any shared schema is built.
 */
import { z } from "zod";

z.config({ jitless: true });
