import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { Role, WorkInterval } from '../../../../admin-ui/src/app/plugin-api';

/** One person's weekly working hours (A6), in the account's time zone. */
export interface PersonSchedule {
  userId: number;
  name: string;
  email: string;
  role: Role;
  intervals: WorkInterval[];
}

export interface SchedulesView {
  timezone: string;
  schedules: PersonSchedule[];
}

/** /api/chat/schedules: admins read and set everyone's hours (several people at once too), operators their own. */
@Injectable({ providedIn: 'root' })
export class SchedulesService {
  private readonly http = inject(HttpClient);

  list(): Observable<SchedulesView> {
    return this.http.get<SchedulesView>('/api/chat/schedules');
  }

  save(userId: number, intervals: WorkInterval[]): Observable<PersonSchedule> {
    return this.http.put<PersonSchedule>(`/api/chat/schedules/${userId}`, { intervals });
  }

  saveMany(userIds: number[], intervals: WorkInterval[]): Observable<PersonSchedule[]> {
    return this.http.put<PersonSchedule[]>('/api/chat/schedules', { userIds, intervals });
  }
}
