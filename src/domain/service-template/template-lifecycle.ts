import { DomainError } from '../shared/errors';

/** A template's publication state (spec §3.1): draft → active ⇄ paused → archived. */
export type TemplateStatus = 'draft' | 'active' | 'paused' | 'archived';

const allowedMoves: Readonly<Record<TemplateStatus, readonly TemplateStatus[]>> = {
  draft: ['active', 'archived'],
  active: ['paused', 'archived'],
  paused: ['active', 'archived'],
  archived: [],
};

/** The version and status a template gets from an edit. */
export interface TemplateRevision {
  version: number;
  status: TemplateStatus;
}

/**
 * Decides what an edit does. A draft is edited in place. Once a template has been active, a change to
 * its definition makes a new version, so bookings made on the old one keep the rules they were made
 * with. An archived template is frozen. A status change must follow the publication path.
 */
export function reviseTemplate(current: TemplateRevision, edit: { status?: TemplateStatus; changesDefinition: boolean }): TemplateRevision {
  const status = edit.status ?? current.status;
  if (status !== current.status && !allowedMoves[current.status].includes(status)) {
    throw new DomainError('INVALID_TRANSITION', `A ${current.status} service template cannot become ${status}.`, { status: current.status, requested: status });
  }
  if (current.status === 'archived' && edit.changesDefinition) {
    throw new DomainError('INVALID_TRANSITION', 'An archived service template cannot be changed.', { status: current.status });
  }
  // Templates never return to draft, so anything but a draft has been published.
  const version = edit.changesDefinition && current.status !== 'draft' ? current.version + 1 : current.version;
  return { version, status };
}
