// PLACEHOLDER (foundation skeleton): the Lambda Runtime API loop goes here.
return 0;
