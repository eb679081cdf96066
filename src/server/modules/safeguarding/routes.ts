/** Issue 7 (safeguarding): scaffold; the routes of this module are registered here. */
import type { FastifyInstance } from "fastify";

export async function safeguardingRoutes(_fastify: FastifyInstance): Promise<void> {}
