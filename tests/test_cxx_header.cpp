// The umbrella header must compile as C++11 with -Wall -Wextra -pedantic -Werror.
#include <fgroi/fgroi.h>

int main() {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_status s = fgroi_prop_ci(3, 10, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED, &ci);
  return (s == FGROI_OK && ci.lower > 0.0 && ci.upper < 1.0) ? 0 : 1;
}
