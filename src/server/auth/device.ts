/** Device description of a session (the privacy policy: "the version of the operating system"). */
import { UAParser } from "ua-parser-js";

export interface DeviceInfo {
  browser: string | null;
  browser_version: string | null;
  os: string | null;
  os_version: string | null;
  device_type: string | null;
}

const clip = (v: string | undefined) => (v ? v.slice(0, 60) : null);

/**
 * Reads the User-Agent, refined by User-Agent client hints where the browser sends them
 * (Chromium reports a frozen OS version in the UA string but the real one in the hints).
 */
export function describeDevice(headers: Record<string, string | string[] | undefined>): DeviceInfo {
  const header = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const ua = new UAParser(header("user-agent") ?? "").getResult();
  const unquote = (v: string | undefined) => v?.replace(/^"|"$/g, "") || undefined;
  const hintPlatform = unquote(header("sec-ch-ua-platform"));
  const hintPlatformVersion = unquote(header("sec-ch-ua-platform-version"));
  return {
    browser: clip(ua.browser.name),
    browser_version: clip(ua.browser.version),
    os: clip(hintPlatform ?? ua.os.name),
    os_version: clip(hintPlatformVersion ?? ua.os.version),
    device_type: clip(ua.device.type),
  };
}
