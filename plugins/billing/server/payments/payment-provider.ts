/** What the billing plugin needs of an online payment provider (a person's purchase). */
export interface PaymentProvider {
  /** Creates a payment; the same idempotence key returns the same payment (a retried request). */
  create(payment: { idempotenceKey: string; amountKopecks: number; description: string; orderId: number; accountId: string }): Promise<CreatedPayment>;
  /** The payment as the provider has it now: what a notification is checked against. */
  fetch(paymentId: string): Promise<ProviderPayment | undefined>;
}

export interface CreatedPayment {
  id: string;
  confirmationUrl: string;
}

export interface ProviderPayment {
  id: string;
  status: 'pending' | 'waiting_for_capture' | 'succeeded' | 'canceled';
  paid: boolean;
  amountKopecks: number;
  currency: string;
  orderId: number | undefined;
}
