#!/usr/bin/env bash
# Instala os pacotes do sistema que os testes usam (hunspell pt_BR), quando faltam.
# Na CI (CI=true), faltar um deles é erro; na máquina de quem estuda, sem root,
# os testes que dependem dele são pulados com um aviso do que instalar.
set -u
faltando=()
command -v hunspell >/dev/null 2>&1 || faltando+=(hunspell)
[ -f /usr/share/hunspell/pt_BR.dic ] || faltando+=(hunspell-pt-br)
[ ${#faltando[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Instalando pacotes do sistema: ${faltando[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${faltando[@]}" >/dev/null \
    && exit 0
fi
if [ "${CI:-}" = "true" ]; then
  echo "ERRO: faltam pacotes do sistema (${faltando[*]}) e não foi possível instalá-los." >&2
  exit 1
fi
echo "AVISO: faltam ${faltando[*]}; a verificação ortográfica será pulada." >&2
echo "       Para rodá-la: sudo apt-get install ${faltando[*]}" >&2
exit 0
