# placeholder, filled below
library(fgroi)
print(prop_ci(3, 12))
