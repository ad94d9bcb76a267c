/** The generic components every page builds with; shown all together on the design-system page (#/ui). */
export { Badge, EmptyState, Loading, PageHeader, Stat, formatWhen } from './basics';
export { Banner, ErrorBanner, type BannerTone } from './Banner';
export { Button, type ButtonVariant } from './Button';
export { Checkbox, Choice, Field, Radio, Select, TextInput } from './Field';
export { Segmented } from './Segmented';
export { Textarea } from './Textarea';
export { ConfirmDialog, Modal } from './Modal';
export { Table, type Column } from './Table';
