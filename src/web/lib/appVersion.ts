/** The web app's version (package.json), sent with crash reports. */
import packageJson from "../../../package.json" with { type: "json" };

export const APP_VERSION: string = packageJson.version;
