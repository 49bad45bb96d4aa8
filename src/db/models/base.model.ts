import { Model } from 'objection';

/** Shared behaviour of the thin objection models: JSON columns and snake_case mapping come from knex. */
export class BaseModel extends Model {
  static override get useLimitInFirst(): boolean {
    return true;
  }
}
