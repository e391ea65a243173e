import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

/** A5: a group of the account's operators that dialogs are routed to. */
export interface Department {
  id: string;
  name: string;
  memberIds: number[];
}

export interface DepartmentInput {
  name: string;
  memberIds: number[];
}

/** /api/chat/departments (admins change them; members are user ids of the account). */
@Injectable({ providedIn: 'root' })
export class DepartmentsService {
  private readonly http = inject(HttpClient);

  list(): Observable<Department[]> {
    return this.http.get<Department[]>('/api/chat/departments');
  }

  create(input: DepartmentInput): Observable<Department> {
    return this.http.post<Department>('/api/chat/departments', input);
  }

  update(id: string, input: DepartmentInput): Observable<Department> {
    return this.http.patch<Department>(`/api/chat/departments/${encodeURIComponent(id)}`, input);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`/api/chat/departments/${encodeURIComponent(id)}`);
  }
}
