/** Issue 7 (data-exports): scaffold; the routes of this module are registered here. */
import type { FastifyInstance } from "fastify";

export async function dataExportsRoutes(_fastify: FastifyInstance): Promise<void> {}
