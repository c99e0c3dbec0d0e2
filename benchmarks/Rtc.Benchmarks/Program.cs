// PLACEHOLDER (foundation skeleton): the fan-out benchmark goes here.
return 0;
