-- Network names match case-insensitively (issue 19: `--network "black country"` finds "Black Country"), so two
-- networks may not differ only in case.
CREATE UNIQUE INDEX network_name_lower_key ON network (lower(name));
