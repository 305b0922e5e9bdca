import { InputNumber, type InputNumberProps } from 'antd';
import { formatAmountInput, parseAmountInput } from '../lib/money';

/**
 * An amount of yuan: a decimal string (never a float), thousands separators, two decimals once the
 * user stops typing, 元 after it. Callers may narrow it (`min="0.01"`, `readOnly`, a placeholder).
 */
export function AmountInput(props: Omit<InputNumberProps<string>, 'stringMode' | 'formatter' | 'parser'>) {
  return (
    <InputNumber<string>
      stringMode
      min="0"
      max="9999999999999.99"
      precision={2}
      controls={false}
      style={{ width: '100%' }}
      formatter={formatAmountInput}
      parser={parseAmountInput}
      addonAfter="元"
      {...props}
    />
  );
}
