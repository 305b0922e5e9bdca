import { useRef } from 'react';
import { DatePicker, type DatePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

const FORMAT = 'YYYY-MM-DD';

/**
 * A DatePicker whose `disabledDate`s cannot be clicked in the calendar, but a date typed in full
 * (2026-12-31) is kept as the value even when disabled, so that the form's rule (or the server)
 * says under the field why it is refused. antd's own picker drops such a date without a word
 * when the field loses focus, and the form then saves without it.
 */
export function TypedDatePicker({ value, onChange, ...rest }: Omit<DatePickerProps, 'value' | 'onChange'> & { value?: Dayjs | null; onChange?: (d: Dayjs | null) => void }) {
  const typed = useRef('');
  const commit = () => {
    const text = typed.current.trim();
    typed.current = '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return;
    const d = dayjs(text, FORMAT, true);
    if (!d.isValid() || (value && d.isSame(value, 'day'))) return;
    onChange?.(d);
  };
  return (
    <div
      onInputCapture={(e) => {
        typed.current = (e.target as HTMLInputElement).value;
      }}
      onKeyDownCapture={(e) => {
        if (e.key === 'Enter') commit();
      }}
      onBlurCapture={commit}
    >
      <DatePicker
        style={{ width: '100%' }}
        format={FORMAT}
        {...rest}
        value={value}
        onChange={(d) => {
          typed.current = '';
          onChange?.(d);
        }}
      />
    </div>
  );
}
