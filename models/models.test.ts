import { CATEGORIES, categoryName, isCategoryCode, IN_SCOPE_CATEGORIES } from './categories';
import { isValidIdNumber, idNumberCheckChar } from './id-number';
import { PROVINCE_CODES, provinceName } from './divisions';
import { normaliseText } from './normalise';

describe('categories', () => {
  it('has twelve in-scope targets and knows its own codes', () => {
    expect(IN_SCOPE_CATEGORIES).toHaveLength(12);
    expect(isCategoryCode('VICE')).toBe(true);
    expect(isCategoryCode('vice')).toBe(false);
    expect(categoryName('PROTECTIVE_UMBRELLA')).toBe('保护伞');
  });
});

describe('provinces', () => {
  it('lists the 34 provincial-level divisions by GB/T 2260 code', () => {
    expect(PROVINCE_CODES).toHaveLength(34);
    expect(provinceName('62')).toBe('甘肃省');
    expect(provinceName('81')).toBe('香港特别行政区');
  });
});

describe('ID numbers', () => {
  it('accepts a number whose check character matches and refuses one that does not', () => {
    const first17 = '11010519491231002';
    const valid = first17 + idNumberCheckChar(first17);
    expect(valid).toBe('11010519491231002X');
    expect(isValidIdNumber(valid)).toBe(true);
    expect(isValidIdNumber(valid.toLowerCase())).toBe(true);
    expect(isValidIdNumber(`${first17}1`)).toBe(false);
    expect(isValidIdNumber('110105194913310021')).toBe(false);
  });
});

describe('normaliseText', () => {
  it('turns full-width forms into half-width, drops control characters and collapses spaces', () => {
    expect(normaliseText('　ＡＢＣ１２３，电话：１３９１２３４５６７８\u0007  结束 ')).toBe('ABC123,电话:13912345678 结束');
  });
});

describe('normaliseText, traditional characters', () => {
  it('reads a report typed in traditional characters as simplified, and leaves simplified text alone', () => {
    expect(normaliseText('這個村霸長期放高利貸，派出所所長充當保護傘')).toBe('这个村霸长期放高利贷,派出所所长充当保护伞');
    expect(normaliseText('干部头发皇后面条')).toBe('干部头发皇后面条');
  });
});
