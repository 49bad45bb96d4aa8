// Imported by workflow code, which is bundled into Temporal's deterministic sandbox: keep this to @temporalio/common only.
import { defineSearchAttributeKey, type SearchAttributePair } from '@temporalio/common';

/** Bizing's custom search attributes; names are prefixed so they never collide with other apps in a shared namespace. */
export const searchAttributes = {
  orgId: defineSearchAttributeKey('BizingOrgId', 'KEYWORD'),
  status: defineSearchAttributeKey('BizingStatus', 'KEYWORD'),
  startsAt: defineSearchAttributeKey('BizingStartsAt', 'DATETIME'),
  bookableIds: defineSearchAttributeKey('BizingBookableIds', 'KEYWORD_LIST'),
  serviceTemplateId: defineSearchAttributeKey('BizingServiceTemplateId', 'KEYWORD'),
  locationId: defineSearchAttributeKey('BizingLocationId', 'KEYWORD'),
} as const;

/** The search attributes every reservation and booking workflow starts with, so ops can filter them in the UI. */
export function bookingSearchAttributes(entity: {
  organizationId: string;
  locationId: string;
  serviceTemplateId: string;
  bookableIds: string[];
  startsAt: string;
  status: string;
}): SearchAttributePair[] {
  return [
    { key: searchAttributes.orgId, value: entity.organizationId },
    { key: searchAttributes.locationId, value: entity.locationId },
    { key: searchAttributes.serviceTemplateId, value: entity.serviceTemplateId },
    { key: searchAttributes.bookableIds, value: entity.bookableIds },
    { key: searchAttributes.startsAt, value: new Date(entity.startsAt) },
    { key: searchAttributes.status, value: entity.status },
  ];
}
