import { NativeSelect } from '@mantine/core';
import type { OfficeInfo } from '../../../../src-preload/contract';
import { fill, useI18n } from '../../app/i18n';

/**
 * The office filter of the head-office views: 全部服务中心, then each office as 名称（代码）. Shown
 * only when the database holds more than one office; with one, the pages look as they always did.
 */
export function OfficeSelect({ offices, value, onChange }: { offices: OfficeInfo[]; value: string; onChange: (officeCode: string) => void }) {
  const { m } = useI18n();
  if (offices.length <= 1) return null;
  return (
    <NativeSelect
      label={m.offices.label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data-testid="office-select"
      data={[{ value: '', label: m.offices.all }, ...offices.map((o) => ({ value: o.code, label: fill(m.offices.option, { name: o.name, code: o.code }) }))]}
    />
  );
}
