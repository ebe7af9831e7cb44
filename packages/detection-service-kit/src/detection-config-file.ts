import { type DetectionConfig, parseDetectionConfig } from '@churnwatch/detection';
import { ConfigError } from '@churnwatch/errors';

/** Reads a text file; injected so that tests need no files. */
export type ReadText = (path: string) => string;

/** Parses the JSON file a variable names; a ConfigError naming the variable when it cannot be read or parsed. */
export function readJsonFile(path: string, variable: string, readText: ReadText): unknown {
  try {
    return JSON.parse(readText(path));
  } catch (error) {
    throw new ConfigError(path, [`${variable}: cannot read ${path} as JSON: ${(error as Error).message}`]);
  }
}

/**
 * The detection configuration: the JSON file at `path`, or the built-in defaults without one.
 * Throws a ConfigError whose issues name the file and each bad field (`<path>: segments.smb.usage.alpha: …`),
 * or say why the file cannot be read.
 */
export function loadDetectionConfigFile(path: string | undefined, readText: ReadText): DetectionConfig {
  if (path === undefined) return parseDetectionConfig({}, 'the built-in detection configuration');
  const json = readJsonFile(path, 'CHURNWATCH_DETECTION_CONFIG_FILE', readText);
  try {
    return parseDetectionConfig(json, path);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(
      path,
      error.issues.map((issue) => `${path}: ${issue}`),
    );
  }
}
