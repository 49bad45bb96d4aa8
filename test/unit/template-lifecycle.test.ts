import { reviseTemplate, type TemplateStatus } from '../../src/domain/service-template/template-lifecycle';
import { DomainError } from '../../src/domain/shared/errors';

describe('reviseTemplate: versions and publication states', () => {
  it.each([
    // current status, version, edit, expected
    ['draft', 1, { changesDefinition: true }, { version: 1, status: 'draft' }],
    ['draft', 1, { status: 'active', changesDefinition: false }, { version: 1, status: 'active' }],
    ['draft', 1, { status: 'active', changesDefinition: true }, { version: 1, status: 'active' }],
    ['active', 1, { changesDefinition: true }, { version: 2, status: 'active' }],
    ['active', 3, { status: 'paused', changesDefinition: false }, { version: 3, status: 'paused' }],
    ['paused', 3, { changesDefinition: true }, { version: 4, status: 'paused' }],
    ['paused', 4, { status: 'active', changesDefinition: false }, { version: 4, status: 'active' }],
    ['active', 4, { status: 'archived', changesDefinition: false }, { version: 4, status: 'archived' }],
  ] as const)('%s v%d + %j → %j', (status, version, edit, expected) => {
    expect(reviseTemplate({ status: status as TemplateStatus, version }, edit)).toEqual(expected);
  });

  it.each([
    ['archived', { status: 'active' as const, changesDefinition: false }],
    ['archived', { changesDefinition: true }],
    ['active', { status: 'draft' as const, changesDefinition: false }],
    ['paused', { status: 'draft' as const, changesDefinition: false }],
  ] as const)('refuses %s + %j with INVALID_TRANSITION', (status, edit) => {
    const attempt = () => reviseTemplate({ status: status as TemplateStatus, version: 2 }, edit);
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
  });
});
