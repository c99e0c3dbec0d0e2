// PLACEHOLDER (foundation skeleton): the local gateway goes here.
return 0;
