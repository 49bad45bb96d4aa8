import Router from '@koa/router';
import { matchesCriteria } from '../../domain/bookables/bookable-criteria';
import { isAllowed } from '../../domain/auth/permissions';
import { toLocalIso } from '../../domain/shared/time';
import { bookableManagers } from '../../domain/auth/bookable-permissions';
import { bookableFacts, listBookableRecords, type BookableRecord } from '../../db/queries/bookable.queries';
import type { BookableKind } from '../../db/queries/bookable-kinds';
import { findLocation } from '../../db/queries/location.queries';
import { findOrganization } from '../../db/queries/organization.queries';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { permit } from '../middleware/permit';
import { parseInput } from '../validation';
import { presentBookableRecord } from './bookables.routes';
import { bookableSearchQuerySchema } from './bookables.schemas';
import { routePermissions } from '../route-permissions';

// Criteria the database cannot filter on (certification validity, rating) are checked per candidate,
// in pages of this size, for at most this many pages per request.
const CANDIDATE_PAGE = 200;
const MAX_CANDIDATE_PAGES = 10;

/** GET /search/bookables: active bookables of an organization that meet the criteria availability uses too. */
export function searchRoutes({ db, now }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();

  router.get(
    '/search/bookables',
    permit(db, routePermissions.catalogueReaders, async (ctx) => ({ organizationId: parseInput(bookableSearchQuerySchema, ctx.query).organizationId })),
    async (ctx) => {
      const query = parseInput(bookableSearchQuerySchema, ctx.query);
      const organizationId = query.organizationId;
      // Certifications are checked on the requested day, else today in the location's (or organization's) zone.
      const zone = (query.locationId && (await findLocation(db, organizationId, query.locationId))?.timezone) || ((await findOrganization(db, organizationId))?.config.timezone as string | undefined) || 'UTC';
      const onDate = query.on ?? toLocalIso(now(), zone).slice(0, 10);
      const criteria = { type: query.type, categoryIds: query.categoryIds, tags: query.tags, certifications: query.certifications, minRating: query.minRating };

      const matches: BookableRecord[] = [];
      let afterId = query.cursor;
      let exhausted = false;
      for (let page = 0; page < MAX_CANDIDATE_PAGES && matches.length <= query.limit && !exhausted; page++) {
        const candidates = await listBookableRecords(db, organizationId, { type: query.type, status: 'active', locationId: query.locationId, categoryIds: query.categoryIds, tags: query.tags, limit: CANDIDATE_PAGE, afterId });
        exhausted = candidates.length < CANDIDATE_PAGE;
        for (const candidate of candidates) {
          afterId = candidate.bookable.id;
          if (matchesCriteria(bookableFacts(candidate), criteria, onDate)) matches.push(candidate);
          if (matches.length > query.limit) break;
        }
      }
      const data = matches.slice(0, query.limit);
      const more = matches.length > query.limit || !exhausted;
      const access = ctx.state.access!;
      ctx.body = {
        on: onDate,
        data: data.map((record) => presentBookableRecord(record, isAllowed(access, bookableManagers(record.bookable.type as BookableKind), { locationId: record.bookable.locationId }))),
        nextCursor: more && data.length ? data[data.length - 1]!.bookable.id : null,
      };
    },
  );

  return router;
}
