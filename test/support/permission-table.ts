import type { Variant } from './permission-variants';
import { bookingsRows } from './permission-table/bookings';
import { catalogueRows } from './permission-table/catalogue';
import { integrationsRows } from './permission-table/integrations';
import { organizationsRows } from './permission-table/organizations';

/** The matrix: `METHOD /path` exactly as the OpenAPI registry spells it → its targets and outcomes, one file per concept. */
export const TABLE: Record<string, Variant[]> = { ...organizationsRows, ...catalogueRows, ...bookingsRows, ...integrationsRows };
