/** Issue 7 (crash-reports): scaffold; the routes of this module are registered here. */
import type { FastifyInstance } from "fastify";

export async function crashReportsRoutes(_fastify: FastifyInstance): Promise<void> {}
