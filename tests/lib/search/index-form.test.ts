import { describe, expect, it } from 'vitest';
import { fromIndexForm, toIndexForm } from '../../../src/lib/search/index-form.ts';
import { planSearch } from '../../../src/lib/search/query.ts';

describe('index form', () => {
  it('writes đ/Đ as d/D + U+0335 so that NFD + dropping marks folds them to d', () => {
    const indexed = toIndexForm('Đảng ủy phường Trương Định');
    expect(indexed).toBe('D\u0335ảng ủy phường Trương D\u0335ịnh');
    expect(indexed.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()).toBe('dang uy phuong truong dinh');
  });
  it('round-trips to the original letters for display', () => {
    const text = 'Đồng chí Đặng Trần Minh, đảng viên';
    expect(fromIndexForm(toIndexForm(text))).toBe(text);
  });
  it('normalises Eth, NFD input and tone placement the same way on both sides', () => {
    expect(toIndexForm('Ðảng')).toBe(toIndexForm('Đảng'));
    expect(toIndexForm('Nghị quyết'.normalize('NFD'))).toBe(toIndexForm('Nghị quyết'));
    expect(toIndexForm('Khoá XII')).toBe(toIndexForm('Khóa XII'));
    expect(toIndexForm('phường Thuỵ Khuê')).toBe(toIndexForm('phường Thụy Khuê'));
  });
  it('leaves a d followed by other marks alone when displaying', () => {
    expect(fromIndexForm('dịch vụ D\u0335ông')).toBe('dịch vụ Đông');
  });
});

describe('planSearch', () => {
  it('rewrites the query into index form and keeps the typed text for display', () => {
    const plan = planSearch('  Đảng uỷ   phường Trương Định ');
    expect(plan.display).toBe('Đảng uỷ phường Trương Định');
    expect(plan.text).toBe(toIndexForm('Đảng ủy phường Trương Định'));
    expect(plan.keys).toEqual([]);
  });
  it('drops "số" before a number and adds document-code keys', () => {
    const plan = planSearch('chỉ thị số 05');
    expect(plan.text).toBe('chỉ thị 05');
    expect(plan.keys).toEqual(['vbkct05']);
    expect(plan.refs).toEqual(['vbrct05']);
  });
  it('caps very long queries', () => {
    expect(planSearch('a '.repeat(5000)).display.length).toBeLessThanOrEqual(200);
  });
  it('passes hostile text through as plain text (escaping is the renderer\'s job)', () => {
    expect(planSearch('<img src=x onerror=alert(1)>').text).toBe('<img src=x onerror=alert(1)>');
  });
});
