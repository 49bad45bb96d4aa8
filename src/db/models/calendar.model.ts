import type { WeeklySchedule } from '../../domain/availability/weekly-schedule';
import { BaseModel } from './base.model';

/** When a bookable can work, in its own time zone (spec §2.4). */
export class CalendarModel extends BaseModel {
  static override tableName = 'calendars';
  static override jsonAttributes = ['weeklySchedule', 'pattern', 'cascadingConfig'];

  id!: string;
  organizationId!: string;
  locationId!: string | null;
  bookableId!: string | null;
  name!: string;
  timezone!: string;
  weeklySchedule!: WeeklySchedule;
  pattern!: Record<string, unknown>;
  cascadingConfig!: Record<string, unknown> | null;
  createdAt!: Date;
  updatedAt!: Date;
}
