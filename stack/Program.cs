// PLACEHOLDER (foundation skeleton): the template program goes here.
return 0;
