import semver from 'semver'

/** A semantic version (MAJOR.MINOR.PATCH, optional pre-release), as edition manifests and releases write it. */
export const semverPattern = /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[\dA-Za-z-]+(?:\.[\dA-Za-z-]+)*)?$/

/**
 * Whether a string is a semantic version as the pipeline writes them (no `v`, no build metadata).
 *
 * @param version The text to test.
 */
export function isVersion(version: string): boolean {
  return semverPattern.test(version) && semver.valid(version) === version
}

/**
 * Orders two semantic versions by semver's precedence (`1.0.0-rc.2` before `1.0.0-rc.10`).
 *
 * @returns Negative, zero or positive.
 */
export function compareVersions(a: string, b: string): number {
  return semver.compare(a, b)
}
