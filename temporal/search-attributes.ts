// Imported by workflow code, which is bundled into Temporal's deterministic sandbox: keep this to @temporalio/common only.
import { defineSearchAttributeKey } from '@temporalio/common';

/** Bizing's custom search attributes; names are prefixed so they never collide with other apps in a shared namespace. */
export const searchAttributes = {
  orgId: defineSearchAttributeKey('BizingOrgId', 'KEYWORD'),
  status: defineSearchAttributeKey('BizingStatus', 'KEYWORD'),
  startsAt: defineSearchAttributeKey('BizingStartsAt', 'DATETIME'),
  bookableIds: defineSearchAttributeKey('BizingBookableIds', 'KEYWORD_LIST'),
  serviceTemplateId: defineSearchAttributeKey('BizingServiceTemplateId', 'KEYWORD'),
  locationId: defineSearchAttributeKey('BizingLocationId', 'KEYWORD'),
} as const;
