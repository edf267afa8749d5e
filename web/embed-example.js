// The example page's one interaction: changing an explorer's query attribute.
document.getElementById('show-continual').addEventListener('click', () => {
  document.getElementById('rl').setAttribute('query', 'continual');
});
