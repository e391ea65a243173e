import type { TeamMember } from '../core/api.types';

/** How the panel names a person of the team: first and last name, else the address. */
export function memberName(member: Pick<TeamMember, 'firstName' | 'lastName' | 'email'>): string {
  return `${member.firstName} ${member.lastName}`.trim() || member.email;
}
