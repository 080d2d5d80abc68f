-- A site can refuse its printed poster codes and accept only the short-lived codes shown on a reception
-- kiosk screen (a poster can be photographed and used from anywhere; a kiosk code expires within a minute).
alter table site add column kiosk_only boolean default false not null;
