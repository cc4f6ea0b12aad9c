import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useLookups } from './lookups';

const STORAGE_KEY = 'complaint-desk.operator';

interface OperatorState {
  /** The staff member at the keyboard: recorded as "who" on every edit. */
  operatorId: string;
  setOperatorId: (id: string) => void;
}

const OperatorContext = createContext<OperatorState | null>(null);

export function OperatorProvider({ children }: { children: ReactNode }) {
  const { staff } = useLookups();
  const [chosen, setChosen] = useState(() => localStorage.getItem(STORAGE_KEY) ?? '');
  const active = staff.filter((s) => s.active);
  // A remembered operator who has left (or another desk's id) falls back to the first receptionist.
  const operatorId = active.some((s) => s.id === chosen) ? chosen : (active.find((s) => s.role === 'reception') ?? active[0])?.id ?? '';
  const value = useMemo(
    () => ({
      operatorId,
      setOperatorId: (id: string) => {
        localStorage.setItem(STORAGE_KEY, id);
        setChosen(id);
      },
    }),
    [operatorId],
  );
  return <OperatorContext.Provider value={value}>{children}</OperatorContext.Provider>;
}

export function useOperator(): OperatorState {
  const state = useContext(OperatorContext);
  if (!state) throw new Error('useOperator outside OperatorProvider');
  return state;
}
