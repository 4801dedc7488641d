// Shapes of what /api/v1 returns, as far as the mini-program reads them.
export interface Me { id: number; username: string; name: string; role: string; position: string | null; teamId: number | null; locale: string }
export interface Customer {
  id: number; name: string; level: 'A' | 'B' | 'C'; region: string | null; industry: string | null; ownerId: number | null;
  lastFollowUpAt: string | null; updatedAt: string; aliases?: string | null;
}
export interface Contact { id: number; name: string; title: string | null; phone: string | null; wechat: string | null; email: string | null; isPrimary: boolean }
export interface Opportunity {
  id: number; customerId: number; name: string; amountCents?: number; stage: string; status: 'open' | 'won' | 'lost';
  expectedCloseAt: string | null; probability: number; ownerId: number | null;
}
export interface Activity { id: number; type: string; content: string; occurredAt: string; authorId: number; nextStep: string | null; channel: string }
export interface Task { id: number; title: string; dueAt: string; status: string; customerId: number | null; leadId: number | null }
export interface Contract {
  id: number; title: string; number: string | null; amountCents?: number; status: string;
  payments?: { count: number; plannedCents?: number; receivedCents?: number };
}
export interface Customer360 {
  customer: Customer; contacts: Contact[]; openOpportunities: Opportunity[]; followUps: Activity[]; openTasks: Task[]; contracts: Contract[];
}
export interface Lead {
  id: number; company: string; contactName: string | null; phone: string | null; region: string | null; status: string;
  ownerId: number | null; convertedCustomerId: number | null;
}
export interface Stage { key: string; label?: string | Record<string, string>; probability: number; requiredFields?: string[] }
export interface Approval {
  id: number; title?: string; status: string; objectType?: string; objectId?: number; submitterName?: string;
  amountCents?: number; createdAt?: string; summary?: string;
}
