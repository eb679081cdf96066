/** Issue 7 (retention): scaffold; the routes of this module are registered here. */
import type { FastifyInstance } from "fastify";

export async function retentionRoutes(_fastify: FastifyInstance): Promise<void> {}
