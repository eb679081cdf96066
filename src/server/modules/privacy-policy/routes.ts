/** Issue 7 (privacy-policy): scaffold; the routes of this module are registered here. */
import type { FastifyInstance } from "fastify";

export async function privacyPolicyRoutes(_fastify: FastifyInstance): Promise<void> {}
