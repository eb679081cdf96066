/**
 * Rate limits for the doors an attacker knocks on: sign-in, registration, password reset, join
 * codes — and a ceiling on how fast one account writes loops and comments.
 * Each is counted per account and per IP; the IP limits are generous because a whole school
 * often shares one address. In memory now (one process); a shared store arrives with scale-out.
 */
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { tooManyRequests } from "../http/errors.js";

export interface Limit {
  points: number;
  windowSeconds: number;
}

export interface RateLimitSettings {
  signInPerAccount: Limit;
  signInPerIp: Limit;
  registerPerIp: Limit;
  resetPerAccount: Limit;
  resetPerIp: Limit;
  joinCodePerUser: Limit;
  joinCodePerIp: Limit;
  postPerUser: Limit;
}

/** Five tries at one account's password per 15 minutes. */
export const SIGN_IN_PER_ACCOUNT: Limit = { points: 5, windowSeconds: 15 * 60 };
/** A school behind one address: a class signing in at once must pass. */
export const SIGN_IN_PER_IP: Limit = { points: 300, windowSeconds: 15 * 60 };
export const REGISTER_PER_IP: Limit = { points: 60, windowSeconds: 60 * 60 };
export const RESET_PER_ACCOUNT: Limit = { points: 3, windowSeconds: 60 * 60 };
export const RESET_PER_IP: Limit = { points: 30, windowSeconds: 60 * 60 };

/** Join codes: a child mistyping a few times passes; guessing codes does not. */
export const JOIN_CODE_PER_USER: Limit = { points: 10, windowSeconds: 15 * 60 };
/** A whole class joins from one school address within minutes. */
export const JOIN_CODE_PER_IP: Limit = { points: 200, windowSeconds: 15 * 60 };

/** Loops and comments one person writes: far above a busy teacher answering a class, far below a flood. */
export const POST_PER_USER: Limit = { points: 120, windowSeconds: 10 * 60 };

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  signInPerAccount: SIGN_IN_PER_ACCOUNT,
  signInPerIp: SIGN_IN_PER_IP,
  registerPerIp: REGISTER_PER_IP,
  resetPerAccount: RESET_PER_ACCOUNT,
  resetPerIp: RESET_PER_IP,
  joinCodePerUser: JOIN_CODE_PER_USER,
  joinCodePerIp: JOIN_CODE_PER_IP,
  postPerUser: POST_PER_USER,
};

export class RateLimiter {
  private readonly limiter: RateLimiterMemory;
  constructor(readonly name: string, limit: Limit) {
    this.limiter = new RateLimiterMemory({ keyPrefix: name, points: limit.points, duration: limit.windowSeconds });
  }

  /** Counts one attempt for `key`; throws 429 with Retry-After when the window is full. */
  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (res) {
      if (res instanceof RateLimiterRes) throw tooManyRequests(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
      throw res;
    }
  }

  /** Gives one attempt back (an attempt that turned out legitimate). */
  async refund(key: string): Promise<void> {
    await this.limiter.reward(key, 1);
  }

  /** Forgets `key`'s attempts (after a successful sign-in). */
  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}

export type Limiters = Record<keyof RateLimitSettings, RateLimiter>;

export function createLimiters(settings: RateLimitSettings): Limiters {
  return Object.fromEntries(
    Object.entries(settings).map(([name, limit]) => [name, new RateLimiter(name, limit)]),
  ) as Limiters;
}
