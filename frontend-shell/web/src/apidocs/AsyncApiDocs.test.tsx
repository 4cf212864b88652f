import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AsyncApiDocs } from './AsyncApiDocs';

const V2 = {
  asyncapi: '2.6.0',
  info: { title: 'Payment events', version: '1.2.0' },
  channels: {
    'payments/settled': {
      description: 'A payment settled.',
      subscribe: { operationId: 'onPaymentSettled', message: { $ref: '#/components/messages/PaymentSettled' } },
    },
  },
  components: { messages: { PaymentSettled: { name: 'PaymentSettled', summary: 'Money arrived', payload: { type: 'object' } } } },
};

const V3 = {
  asyncapi: '3.0.0',
  info: { title: 'Orders', version: '3.0.0' },
  channels: { orderPlaced: { address: 'orders.placed', messages: { OrderPlaced: { $ref: '#/components/messages/OrderPlaced' } } } },
  operations: {
    sendOrderPlaced: { action: 'send', channel: { $ref: '#/channels/orderPlaced' }, messages: [{ $ref: '#/channels/orderPlaced/messages/OrderPlaced' }] },
  },
  components: { messages: { OrderPlaced: { title: 'Order placed', payload: { type: 'object' } } } },
};

describe('AsyncAPI docs', () => {
  it('show a 2.x channel with its operation and the referenced message', () => {
    render(<AsyncApiDocs definition={V2} />);
    const channel = screen.getByRole('region', { name: 'Channel payments/settled' });
    expect(within(channel).getByText('A payment settled.')).toBeTruthy();
    expect(within(channel).getByRole('heading', { name: 'subscribe onPaymentSettled' })).toBeTruthy();
    expect(within(channel).getByText('PaymentSettled')).toBeTruthy();
    expect(within(channel).getByText('— Money arrived')).toBeTruthy();
    expect(screen.getByLabelText('asyncapi definition').textContent).toContain('"operationId": "onPaymentSettled"');
  });

  it('show a 3.x channel by its address with the operations that use it', () => {
    render(<AsyncApiDocs definition={V3} />);
    const channel = screen.getByRole('region', { name: 'Channel orders.placed' });
    expect(within(channel).getByRole('heading', { name: 'send sendOrderPlaced' })).toBeTruthy();
    expect(within(channel).getByText('Order placed')).toBeTruthy();
  });

  it('say when there are no channels', () => {
    render(<AsyncApiDocs definition={{ asyncapi: '3.0.0', info: { title: 'Empty' } }} />);
    expect(screen.getByText('This definition declares no channels.')).toBeTruthy();
  });
});
