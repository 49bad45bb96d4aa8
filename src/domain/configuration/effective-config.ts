/**
 * Configuration inheritance (spec §2.2): the organization's defaults, then each ancestor location from
 * the root down, then the location itself. Objects merge key by key; any other value (a number, a
 * string, an array) replaces what came before. Every resulting leaf remembers which layer set it.
 */
export interface ConfigLayer {
  /** Where the values come from, e.g. `organization` or `location:loc_…`. */
  source: string;
  config: Record<string, unknown>;
}

/** The merged configuration and, for each leaf path (`booking.holdDurationSeconds`), the layer that set it. */
export interface EffectiveConfig {
  values: Record<string, unknown>;
  sources: Record<string, string>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeInto(target: Record<string, unknown>, layer: Record<string, unknown>, source: string, sources: Record<string, string>, prefix: string): void {
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value)) {
      const existing = target[key];
      if (!isPlainObject(existing)) {
        for (const stale of Object.keys(sources)) if (stale === path || stale.startsWith(`${path}.`)) delete sources[stale];
        target[key] = {};
      }
      mergeInto(target[key] as Record<string, unknown>, value, source, sources, path);
    } else {
      for (const stale of Object.keys(sources)) if (stale.startsWith(`${path}.`)) delete sources[stale];
      target[key] = value;
      sources[path] = source;
    }
  }
}

/** Merges the layers in order (least specific first) and records each leaf's origin. */
export function resolveEffectiveConfig(layers: readonly ConfigLayer[]): EffectiveConfig {
  const values: Record<string, unknown> = {};
  const sources: Record<string, string> = {};
  for (const layer of layers) mergeInto(values, layer.config, layer.source, sources, '');
  return { values, sources };
}
