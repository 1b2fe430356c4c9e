#!/usr/bin/env bash
# Instala os pacotes do sistema que os testes usam, quando faltam: o hunspell
# pt_BR (ortografia) e o Chromium do Debian (testes do livro no navegador;
# o Playwright o usa em /usr/bin/chromium e nunca baixa um navegador) e o git
# (o DVC do capítulo 7 trabalha dentro de um repositório git) e o promtool do
# pacote prometheus (valida e testa as regras de alerta de deploy/prometheus/).
# Na CI (CI=true), faltar um deles é erro; na máquina de quem estuda, sem root,
# os testes que dependem dele são pulados com um aviso do que instalar.
set -u
faltando=()
command -v hunspell >/dev/null 2>&1 || faltando+=(hunspell)
[ -f /usr/share/hunspell/pt_BR.dic ] || faltando+=(hunspell-pt-br)
[ -x /usr/bin/chromium ] || faltando+=(chromium)
command -v git >/dev/null 2>&1 || faltando+=(git)
command -v promtool >/dev/null 2>&1 || faltando+=(prometheus)
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
echo "AVISO: faltam ${faltando[*]}; os testes que dependem deles serão pulados" >&2
echo "       (ortografia: hunspell; livro no navegador: chromium; DVC: git;" >&2
echo "       regras de alerta: prometheus)." >&2
echo "       Para rodá-los: sudo apt-get install ${faltando[*]}" >&2
exit 0
