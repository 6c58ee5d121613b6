/** 4 → "4m", 90 → "1h 30m", 3064 → "2d 3h 4m". */
export function formatMinutes(total: number): string {
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const parts = [
    days > 0 ? `${days}d` : '',
    hours > 0 ? `${hours}h` : '',
    minutes > 0 || total === 0 ? `${minutes}m` : '',
  ];
  return parts.filter((p) => p !== '').join(' ');
}
