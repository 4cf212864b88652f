import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HighlightedText } from './HighlightedText';

describe('highlighted text', () => {
  it('marks what is between the tags and shows everything else as text', () => {
    const { container } = render(<p><HighlightedText text={'<b>x</b> [[pay]]ments and [[card]]'} preTag="[[" postTag="]]" /></p>);
    expect(Array.from(container.querySelectorAll('mark')).map((mark) => mark.textContent)).toEqual(['pay', 'card']);
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('<b>x</b> payments and card');
  });

  it('shows an unclosed tag’s text unmarked', () => {
    const { container } = render(<p><HighlightedText text="a <em>b" preTag="<em>" postTag="</em>" /></p>);
    expect(container.querySelector('mark')).toBeNull();
    expect(container.textContent).toBe('a b');
  });
});
