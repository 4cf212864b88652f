import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import GraphqlDocs from './GraphqlDocs';

const SDL = `
"""A payment a customer made."""
type Payment {
  id: ID!
  "In minor units."
  amount: Int!
  refunds(first: Int = 10): [Refund!]!
}

type Refund { id: ID!, amount: Int! }

enum Status { PENDING SETTLED }

input PaymentFilter { status: Status }

union Money = Payment | Refund

type Query { payments(filter: PaymentFilter): [Payment!]! }
`;

describe('GraphQL docs', () => {
  it('list every named type with its fields, arguments and descriptions', () => {
    render(<GraphqlDocs sdl={SDL} />);
    const payment = screen.getByRole('region', { name: 'type Payment' });
    expect(within(payment).getByText('A payment a customer made.')).toBeTruthy();
    expect(within(payment).getByText('amount: Int!')).toBeTruthy();
    expect(within(payment).getByText('— In minor units.')).toBeTruthy();
    expect(within(payment).getByText('refunds(first: Int = 10): [Refund!]!')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'enum Status' })).getByText('SETTLED')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'union Money' })).getByText('Refund')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'input PaymentFilter' })).getByText('status: Status')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('6 of 6 types');
  });

  it('search keeps matching types whole and only the matching fields of the others', async () => {
    render(<GraphqlDocs sdl={SDL} />);
    await userEvent.type(screen.getByRole('searchbox'), 'refund');
    expect(screen.getByRole('status').textContent).toBe('3 of 6 types');
    expect(within(screen.getByRole('region', { name: 'union Money' })).queryByText('Payment')).toBeNull();
    const refund = screen.getByRole('region', { name: 'type Refund' });
    expect(within(refund).getByText('amount: Int!')).toBeTruthy();
    const payment = screen.getByRole('region', { name: 'type Payment' });
    expect(within(payment).queryByText('amount: Int!')).toBeNull();
    expect(within(payment).getByText('refunds(first: Int = 10): [Refund!]!')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'type Query' })).toBeNull();
  });

  it('shows the text with the reason when the schema does not parse', () => {
    render(<GraphqlDocs sdl={'type Broken {'} />);
    expect(screen.getByText(/could not be read as GraphQL SDL \(Syntax Error/)).toBeTruthy();
    expect(screen.getByLabelText('graphql definition').textContent).toBe('type Broken {');
  });
});
