import type { Permission } from './permissions';

/** Who may create, change or retire each kind of bookable (spec §6): people by provider rights, things by asset rights. */
export function bookableManagers(kind: 'provider' | 'asset' | 'venue' | 'virtual_resource'): readonly Permission[] {
  return kind === 'provider' ? ['provider:manage_org', 'provider:manage_location'] : ['asset:manage_location', 'provider:manage_org'];
}
